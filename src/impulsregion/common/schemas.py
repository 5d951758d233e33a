"""The API's one error body, shared by every operation's documented error answers."""

from ninja import Field, Schema


class ErrorItem(Schema):
    loc: list[str | int] = Field(
        description=(
            "where: query, path, body, header or method, then the parameter or field "
            '(and positions in lists), e.g. ["query", "start"]'
        )
    )
    msg: str = Field(
        description="what is wrong, in the client's language (Accept-Language; German by default)"
    )


class ErrorOut(Schema):
    detail: list[ErrorItem]
