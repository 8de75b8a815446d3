from theodoi.importer.registry import Registry


def test_items_come_in_priority_order_and_names_replace() -> None:
    registry: Registry[str] = Registry()
    registry.register("low", "a", 10)
    registry.register("high", "b", 50)
    registry.register("mid", "c", 30)
    assert list(registry) == ["high", "mid", "low"]
    registry.register("replaced", "b", 5)
    assert list(registry) == ["mid", "low", "replaced"]
    registry.deregister("c")
    assert "c" not in registry and len(registry) == 2
