"""Word lists as data, one place each, imported by every stage that needs them.

``cues`` holds the claim and stance cue words of the classifiers' features.
"""
