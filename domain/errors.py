class ValidationError(ValueError):
    """Bad input, with a message in Japanese that names the item (項目)."""
    def __init__(self, item: str, message: str) -> None:
        super().__init__(f"{item}: {message}")
        self.item = item
        self.message = message
