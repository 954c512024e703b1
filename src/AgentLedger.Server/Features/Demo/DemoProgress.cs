namespace AgentLedger.Server.Features.Demo;

/// <summary>How far a seeding run is: days generated and records stored so far.</summary>
internal readonly record struct DemoProgress(int DaysDone, int Days, long RecordsStored);
