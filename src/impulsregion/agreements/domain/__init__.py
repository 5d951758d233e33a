"""Pure rules of the association: majorities, quorum, cost allocation, rotation, filings."""
