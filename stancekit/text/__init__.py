"""Strings in, spans out: cleaning, repeats, sentences, quotations, speakers.

``clean`` marks each block of an article (body, headline, caption, credit,
boilerplate, callout) with the rules in ``page_rules`` and ``headlines``;
``repeats`` finds repeated ledes and pull-quotes; ``segment`` splits text
into sentences with exact offsets; ``quotes`` finds direct quotations and
their speakers, helped by ``speech`` (attribution constructions) and
``names`` (people and organisations).
"""
