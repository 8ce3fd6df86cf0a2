namespace Portal.Tests.Support;

/// <summary>Waiting for a condition with a deadline, checking it often: never a fixed sleep.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline) =>
        await UntilAsync(() => Task.FromResult(condition()), deadline);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The condition did not hold within {deadline.TotalSeconds:0.#} s.");
            }

            await Task.Delay(10);
        }
    }
}
