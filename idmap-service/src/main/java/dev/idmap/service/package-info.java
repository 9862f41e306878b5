/** The Id Mapping service: Atlassian-compatible HTTP API, durable jobs and report storage. */
package dev.idmap.service;
