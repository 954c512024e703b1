namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// A fake secret or piece of personal data planted in the first turn on or after <paramref name="Day"/>, so that
/// DLP, search and redaction have something to find. <paramref name="Finding"/> is the exact value a detector
/// should report; <paramref name="Text"/> is the sentence that carries it.
/// </summary>
internal sealed record DemoPlant(int Day, DemoPlantSlot Slot, string Finding, string Text);
