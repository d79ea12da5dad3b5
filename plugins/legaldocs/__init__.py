"""legaldocs: versioned legal documents published from Markdown sections in git."""

#: Where legaldocs' source is published, as pyproject.toml's [project.urls] Source says: a site
#: installs legaldocs from there (it is not on the package index), by its release tag v<version>.
SOURCE = "https://github.com/legaldocs/legaldocs"
