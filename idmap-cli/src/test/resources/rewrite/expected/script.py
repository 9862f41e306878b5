# Sets story points; the ids below are Data Center ids.
STORY_POINTS = "customfield_10016"
TIMEOUT = 10000  # a number, not an id
issue["fields"]["customfield_10020"] = 5
print("see https://acme.atlassian.net/browse/ABC-1 at port 8080 since 2024-01-05")
