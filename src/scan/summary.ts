/** One week of a project's audit, kept for trends (pure types: the Custom UI imports them through the resolver API). */
export interface WeeklySummary {
  /** Monday of the week, `yyyy-MM-dd` (UTC). */
  weekStart: string;
  /** The audit the summary comes from: the week's latest. */
  auditedAt: string;
  items: number;
  actions: number;
  roadmapItems: number;
  unownedRoadmapItems: number;
  overlapFindings: number;
  findings: number;
  findingsByRule: Record<string, number>;
  findingsBySeverity: Record<string, number>;
}
