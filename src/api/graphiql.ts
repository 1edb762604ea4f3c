/** What a new user sees in GraphiQL: a query that works on an empty ledger and on the demo data. */
export const exampleQuery = `# centre-ledger: what happened in the programme and at each centre.
# Run \`npm run demo\` first for data, then press the play button.

query ProgrammeDashboard($from: Date = "2026-06-01", $to: Date = "2026-10-31") {
  summary(from: $from, to: $to) {
    workshopsHeld
    attendances
    uniqueParticipants
    uniqueParticipantsBySex { female male other }
    uniqueReturnees
    volunteerHours
    legalConsultations
    culturalEvents
    culturalEventAudience
  }
  centres {
    id
    name
    district
    summary(from: $from, to: $to) { workshopsHeld uniqueParticipants volunteerHours }
  }
}
`;
