"""Reading and decoding files, the one table reader, and writing outputs.

The bottom of the data path: bytes in, text and rows out (``articles``),
and rows out to files atomically (``output``). Nothing here knows about
sentences, models or tasks.
"""
