"""The knowledge base: loading documents, chunking them, embedding and storing them in Chroma."""
