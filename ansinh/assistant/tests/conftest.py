import pytest


@pytest.fixture(scope="session", autouse=True)
def assistant_model_loaded():
    """Load the embedding model once per session (the index itself is cached on disk by its stamp)."""
    from ansinh.assistant import embeddings

    embeddings.model()


@pytest.fixture
def ask(db):
    from ansinh.assistant.answerer import ask as answer

    return answer
