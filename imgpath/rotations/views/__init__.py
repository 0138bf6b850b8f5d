"""Pages of the marketplace, by who uses them."""
