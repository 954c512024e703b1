namespace AgentLedger.Server.Features.Demo;

/// <summary>How intensely a demo user works with agents; decides how often and how long they do.</summary>
internal enum DemoArchetype
{
    /// <summary>Most days, many long sessions, some weekend work, the strongest models, automation.</summary>
    Power,

    /// <summary>Most weekdays, a few sessions.</summary>
    Regular,

    /// <summary>Now and then, short sessions.</summary>
    Occasional,
}
