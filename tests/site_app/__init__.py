"""A site's own app, as a site builder would write it: page types built on the package's mixins."""
