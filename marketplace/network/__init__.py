"""The network around a client (verkostotapaaminen): meetings, the plan in the
client's own words, the tasks each actor took on, and the review's next step."""
