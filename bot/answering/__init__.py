"""The answering core: question → retrieval → refusal check → extractive answer → LLM + guard."""
