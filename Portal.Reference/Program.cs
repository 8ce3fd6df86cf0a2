// The framework's ceiling for scripts/bench.sh: bare Kestrel answering one integration's JSON from memory,
// with no authentication, database, logging or middleware. Every benchmark ratio is the portal's figure over this.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var body = """
    {"cloud_id":"int_3kTMd9sVxq2LrP7bQn4Wz8aB5cD6eF7gH8iJ","name":"Feed monitor","url":"https://example.com/feed","description":"Monitors your Gestal system data and notifies you in real time.","created_at":"2026-12-01T09:00:00.000Z","updated_at":"2026-12-01T09:00:00.000Z"}
    """u8.ToArray();

app.Run(context =>
{
    context.Response.StatusCode = 200;
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
});

app.Run();
