"""One small module per screen."""
