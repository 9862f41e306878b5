/**
 * Per-id lookups of a finished job: the table filled from the engine's decision stream (every decision, users and
 * groups included) and the answers to {@code GET/POST …/{jobId}/mappings}.
 */
package dev.idmap.service.lookup;
