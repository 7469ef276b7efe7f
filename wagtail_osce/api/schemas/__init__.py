"""Pydantic schemas of the API's responses; the OpenAPI document is generated from them."""
