import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ansinh.assistant import generative

PASSAGES = [
    {"pid": "vsi.rate", "title_vi": "Mức đóng", "text_vi": "Mức đóng bằng 22% thu nhập.", "source": "Luật 41/2024/QH15"}
]


def _server(reply: str):
    class Fake(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = json.dumps({"choices": [{"message": {"content": reply}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def model_answering(monkeypatch):
    servers = []

    def start(reply):
        server = _server(reply)
        servers.append(server)
        monkeypatch.setenv("ASSISTANT_LLM_URL", f"http://127.0.0.1:{server.server_port}/v1")

    yield start
    for server in servers:
        server.shutdown()


def test_without_configuration_the_extractive_answer_is_kept(monkeypatch):
    monkeypatch.delenv("ASSISTANT_LLM_URL", raising=False)
    assert generative.rewrite("bao nhiêu?", PASSAGES, "extractive", "vi") == "extractive"


def test_a_generated_answer_with_only_the_passages_numbers_is_used(model_answering):
    model_answering("Bạn đóng 22% thu nhập mỗi tháng.")
    assert generative.rewrite("bao nhiêu?", PASSAGES, "extractive", "vi") == "Bạn đóng 22% thu nhập mỗi tháng."


def test_a_generated_answer_that_invents_a_number_is_discarded(model_answering):
    model_answering("Bạn đóng 25% thu nhập mỗi tháng.")
    assert generative.rewrite("bao nhiêu?", PASSAGES, "extractive", "vi") == "extractive"
