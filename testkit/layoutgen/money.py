"""Amounts (integer fen) printed the ways budget documents print them, and read back exactly."""

from __future__ import annotations

from decimal import Decimal

FEN_PER = {"元": 100, "万元": 1_000_000}


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def in_unit(fen: int, unit: str, decimals: int = 2, commas: bool = False) -> str:
    """``fen`` in ``unit`` with exactly ``decimals`` places; refuses to round."""
    value = Decimal(fen) / FEN_PER[unit]
    text = f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"
    if Decimal(text.replace(",", "")) != value:
        raise ValueError(f"{fen} fen is not exact in {unit} with {decimals} decimals")
    return text


def prose_amount(fen: int, unit: str, min_decimals: int = 2) -> str:
    """Prose keeps as many decimals as the figure needs (2 to 6 in 万元: 1725.132386万元)."""
    for decimals in range(min_decimals, 7):
        try:
            return in_unit(fen, unit, decimals)
        except ValueError:
            continue
    raise ValueError(f"{fen} fen cannot be printed exactly in {unit}")


def wan_persons(persons: int) -> str:
    """38.6 for 386000 persons (one decimal, or none when whole)."""
    value = Decimal(persons) / 10000
    text = f"{value:.1f}"
    if Decimal(text) != value:
        raise ValueError(f"{persons} persons is not a whole 0.1万")
    return text.removesuffix(".0")
