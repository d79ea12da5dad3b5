"""legaldocs: versioned legal documents published from Markdown sections in git."""
