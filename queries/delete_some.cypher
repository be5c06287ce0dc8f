// Delete up to $limit nodes with their relationships (wipe runs it until nothing is left).
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
