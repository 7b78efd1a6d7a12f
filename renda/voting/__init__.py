"""The vote engine: polls, ballots (named and secret), counting rules as versioned data, elections."""
