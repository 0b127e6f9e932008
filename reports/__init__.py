"""Official forms with reportlab: 住民票の写し and the other certificates; domain objects in, PDF bytes out."""
