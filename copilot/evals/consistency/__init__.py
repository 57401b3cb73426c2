"""Consistency lint for the knowledge base: facts stated differently in two live documents.

``extract`` reads facts (service -> price, physician + weekday -> block, priced offers, permission
tables); ``lint`` compares them and returns findings with both locations for content owners.
"""
