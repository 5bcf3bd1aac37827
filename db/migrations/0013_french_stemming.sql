-- French stemming in the search: « maraudes » finds « maraude », « sociales » finds « social ».
-- SQLite's tokenizers know no French, and better-sqlite3 cannot register an FTS5 tokenizer, so
-- the index gains two columns holding the stems of the title and of the body, written by the
-- `stems()` SQL function that every connection registers (app/lib/db.server.ts, Snowball French
-- of @orama/stemmers). A query word matches its exact form (as a prefix) in the text columns OR
-- its stem in the stem columns: a word typed exactly as written matches both and so ranks above
-- a document that only shares its stem.
--
-- An FTS5 table cannot gain columns: the table and every trigger that writes it are created
-- again, unchanged but for the two columns, which they read from the view `search_rows`.
DROP TRIGGER `search_article_insert`;
--> statement-breakpoint
DROP TRIGGER `search_article_update`;
--> statement-breakpoint
DROP TRIGGER `search_article_delete`;
--> statement-breakpoint
DROP TRIGGER `search_edition_insert`;
--> statement-breakpoint
DROP TRIGGER `search_edition_update`;
--> statement-breakpoint
DROP TRIGGER `search_edition_delete`;
--> statement-breakpoint
DROP TRIGGER `search_venue_update`;
--> statement-breakpoint
DROP TRIGGER `search_session_insert`;
--> statement-breakpoint
DROP TRIGGER `search_session_update`;
--> statement-breakpoint
DROP TRIGGER `search_session_delete`;
--> statement-breakpoint
DROP TRIGGER `search_session_person_insert`;
--> statement-breakpoint
DROP TRIGGER `search_session_person_delete`;
--> statement-breakpoint
DROP TRIGGER `search_person_update`;
--> statement-breakpoint
DROP TRIGGER `search_dispositif_insert`;
--> statement-breakpoint
DROP TRIGGER `search_dispositif_update`;
--> statement-breakpoint
DROP TRIGGER `search_dispositif_delete`;
--> statement-breakpoint
DROP TABLE `search_index`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	kind,
	ref_id UNINDEXED,
	title,
	body,
	title_stems,
	body_stems,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
-- Exact words weigh twice their stems, titles ten times bodies; kind and ref_id are not text.
INSERT INTO `search_index` (`search_index`, `rank`) VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 1.0, 5.0, 0.5)');
--> statement-breakpoint
CREATE VIEW `search_rows` AS
	SELECT doc, kind, ref_id, title, body, stems(title) AS title_stems, stems(body) AS body_stems
	FROM search_documents;
--> statement-breakpoint
CREATE TRIGGER `search_article_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'article' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_article_update` AFTER UPDATE ON `articles` BEGIN
	DELETE FROM search_index WHERE rowid = 1000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'article' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_article_delete` AFTER DELETE ON `articles` BEGIN
	DELETE FROM search_index WHERE rowid = 1000000000 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_edition_insert` AFTER INSERT ON `editions` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'edition' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_edition_update` AFTER UPDATE ON `editions` BEGIN
	DELETE FROM search_index WHERE rowid = 2000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'edition' AND ref_id = new.id;
	-- The view is filtered by kind and id, so SQLite reads one branch through its primary key.
	-- Publishing or unpublishing an edition shows or hides its programme too.
	DELETE FROM search_index WHERE rowid IN (SELECT 3000000000 + id FROM sessions WHERE edition_id = new.id);
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows
		WHERE kind = 'session' AND ref_id IN (SELECT id FROM sessions WHERE edition_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_edition_delete` AFTER DELETE ON `editions` BEGIN
	DELETE FROM search_index WHERE rowid = 2000000000 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_venue_update` AFTER UPDATE ON `venues` BEGIN
	DELETE FROM search_index WHERE rowid IN (SELECT 2000000000 + id FROM editions WHERE venue_id = new.id);
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows
		WHERE kind = 'edition' AND ref_id IN (SELECT id FROM editions WHERE venue_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_insert` AFTER INSERT ON `sessions` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'session' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_update` AFTER UPDATE ON `sessions` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'session' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_delete` AFTER DELETE ON `sessions` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_person_insert` AFTER INSERT ON `session_persons` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + new.session_id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'session' AND ref_id = new.session_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_session_person_delete` AFTER DELETE ON `session_persons` BEGIN
	DELETE FROM search_index WHERE rowid = 3000000000 + old.session_id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'session' AND ref_id = old.session_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_person_update` AFTER UPDATE ON `persons` BEGIN
	DELETE FROM search_index WHERE rowid IN (SELECT 3000000000 + session_id FROM session_persons WHERE person_id = new.id);
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows
		WHERE kind = 'session' AND ref_id IN (SELECT session_id FROM session_persons WHERE person_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_dispositif_insert` AFTER INSERT ON `dispositifs` BEGIN
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'dispositif' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_dispositif_update` AFTER UPDATE ON `dispositifs` BEGIN
	DELETE FROM search_index WHERE rowid = 4000000000 + old.id;
	INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
		SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows WHERE kind = 'dispositif' AND ref_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_dispositif_delete` AFTER DELETE ON `dispositifs` BEGIN
	DELETE FROM search_index WHERE rowid = 4000000000 + old.id;
END;

--> statement-breakpoint
INSERT INTO search_index (rowid, kind, ref_id, title, body, title_stems, body_stems)
	SELECT doc, kind, ref_id, title, body, title_stems, body_stems FROM search_rows;
