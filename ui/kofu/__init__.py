"""交付: the certificate dialog with its request form, and the 係長の判断 for a protected person."""
