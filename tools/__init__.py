"""Scripts that draw the docs' pictures (screenshots of the window, the certificates) offscreen from throwaway
synthetic replicas: `python -m tools.screenshot docs` and so on, from the checkout.

Not part of the program: neither installed nor carried by the PyInstaller build. They drive the window as tests do,
so they import `ui`; nothing imports them."""
