namespace AgentLedger.Server.Features.Demo;

/// <summary>What one piece of agent work is about: a module, a file in it and a symbol, plus the stack's test command.</summary>
internal sealed record DemoTopic(string Repository, string Module, string File, string Symbol, string TestCommand);
