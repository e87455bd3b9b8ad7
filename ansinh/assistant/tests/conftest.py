import pytest


@pytest.fixture(scope="session", autouse=True)
def assistant_model_loaded():
    """Load the embedding model once per session (the index itself is cached on disk by its stamp)."""
    from ansinh.assistant import embeddings

    embeddings.model()


@pytest.fixture
def answering_always(monkeypatch):
    """What would be answered whatever the confidence: for tests about which passage or sentences, not whether (the
    threshold is refitted as the evaluation set grows)."""
    from ansinh.assistant import answerer

    monkeypatch.setattr(answerer, "THRESHOLD", 0.0)


@pytest.fixture
def unsure_of_everything(monkeypatch):
    """Every search declined: neither one passage's answer nor the two-case answer is given."""
    from ansinh.assistant import answerer

    monkeypatch.setattr(answerer, "THRESHOLD", 1.0)
    monkeypatch.setattr(answerer, "EITHER_THRESHOLD", 2.0)


@pytest.fixture
def ask(db):
    from ansinh.assistant.answerer import ask as answer

    return answer
