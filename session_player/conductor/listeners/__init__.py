"""The conductor's listeners: each turns session events into one kind of thing outside the
screen (chimes, the voice, the log), behind the one dispatcher in
``conductor.dispatcher``.

Every listener shares a ``Stage`` (settings, the sound output, the notices, the session) and is
told of each event in turn; none blocks its caller.
"""
