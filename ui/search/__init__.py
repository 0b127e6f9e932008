"""Search and 照会: the search box and what it makes of the input, the result table over its lazy model, and the
person view."""
