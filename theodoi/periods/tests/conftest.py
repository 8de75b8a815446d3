from theodoi.periods.tests.fixtures import event_task, people

__all__ = ["event_task", "people"]
