-- A second counter row. Row 1 moves with every write, as before; row 2 only with writes that
-- change what providers are (providers, inventories, traits, aggregates, classes), not with
-- allocation writes. A snapshot whose row 2 is unchanged reloads only usages and generations.
INSERT INTO placement_change_counter (id, counter) VALUES (2, 0);
