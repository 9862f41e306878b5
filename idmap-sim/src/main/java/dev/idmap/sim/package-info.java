/** The Atlassian site simulator. Shares no code with the engine: its ground truth comes from its own generator. */
package dev.idmap.sim;
