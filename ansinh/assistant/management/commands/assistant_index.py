"""Load the shipped passages and (re)build the assistant's search index."""

import time

from django.core.management.base import BaseCommand, CommandError

from ansinh.assistant import embeddings, services
from ansinh.assistant.knowledge import PlaceholderError
from ansinh.core import audit


class Command(BaseCommand):
    help = "Load shipped knowledge passages (missing ones, or --update-seed) and rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update-seed",
            action="store_true",
            help="Overwrite shipped passages that staff have not taken over with the files' text.",
        )
        parser.add_argument(
            "--refresh-shipped-cache",
            action="store_true",
            help="Write the embedding cache shipped with the seed passages (developers).",
        )

    def handle(self, *args, update_seed=False, refresh_shipped_cache=False, **options):
        with audit.acting_as(label="assistant_index"):
            created, updated = services.load_seed(update=update_seed)
        self.stdout.write(f"passages: {created} new, {updated} updated from the shipped files")
        started = time.perf_counter()
        try:
            built = services.rebuild_index()
        except PlaceholderError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"index {built.stamp}: {len(built.passages)} passages, {len(built.doc_pids)} documents, "
            f"law in force on {built.built_on}, {time.perf_counter() - started:.1f} s"
        )
        if refresh_shipped_cache:
            cache = self._vectors_in_use(built)
            embeddings.write_cache(embeddings.SHIPPED_CACHE, cache)
            self.stdout.write(f"shipped embedding cache: {len(cache)} vectors → {embeddings.SHIPPED_CACHE}")

    @staticmethod
    def _vectors_in_use(built) -> dict:
        """The index's own vectors by text key: the local cache only holds what this machine embedded,
        so when every text was already shipped it would be empty and the shipped cache would be wiped."""
        return {
            embeddings.text_key(text, lang == "ask"): vector
            for text, lang, vector in zip(built.doc_texts, built.doc_langs, built.dense, strict=True)
        }
