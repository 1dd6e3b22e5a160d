from tests.desktop.bus_fixture import desktop

__all__ = ["desktop"]
