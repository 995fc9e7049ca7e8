aâ€
b