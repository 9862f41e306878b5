# Sets story points; the ids below are Data Center ids.
STORY_POINTS = "customfield_10102"
TIMEOUT = 10000  # a number, not an id
issue["fields"]["customfield_10100"] = 5
print("see https://jira.example.com/browse/ABC-1 at port 8080 since 2024-01-05")
