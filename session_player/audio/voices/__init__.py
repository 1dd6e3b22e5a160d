"""The voice engines, one module each, and the registry the rest of ``audio`` uses.

- ``base``: a voice's description (``VoiceInfo``) and the shape of a neural engine;
- ``hibari`` and ``piper``: neural engines, rendered in worker processes that exit when done;
- ``espeak``: espeak-ng through pyttsx3, in a thread of the player (the fallback);
- ``registry``: the neural engines by name, the voices they have here, and what a voice id names.

One pace for every voice: the person sets words a minute once (settings' ``voice_rate``) and each
engine module maps it onto its own speed setting (espeak-ng's rate, hibari's speed, Piper's length
scale), each with its own idea of normal: at their defaults espeak-ng speaks about 167 words a
minute for a rate of 140, hibari about 207 and Piper about 215, all far too brisk for guidance.
The constants were measured on the 42 spoken lines of two bundled scripts (compassionate-image and
rain), counting words over the length of each line from its first sound to its last
(``loudness.trim``), at two settings of each knob (hibari's on 156 lines of all the bundled
scripts, at six); ``tests/audio/test_voices.py`` checks that every engine keeps to the pace.
hibari's pace jumps by up to a tenth between nearby speeds on any one line, so it measures each
line it renders and renders it again nearer the pace (``base.keep_pace``): within 5% of 100, 140
and 180 words a minute, line by line (``tests/audio/test_voice_pace.py``).

Adding an engine: ``docs/recipes.md``.
"""
