"""Official forms with reportlab: 住民票の写し and the other certificates (not built yet: issue #4)."""
