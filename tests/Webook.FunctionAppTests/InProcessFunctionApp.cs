using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSubstitute;
using Webook.Core.Http;
using Webook.Functions;
using Webook.TestSupport;

namespace Webook.FunctionAppTests;

/// <summary>
/// The Function App's real worker host (FunctionsApplication.CreateBuilder + AddWebookFunctionsApp, validated on build),
/// with no Functions host process: a request is routed to its function as the host routes (template and method, the
/// catch-all last), the function class is activated by the worker's own IFunctionActivator from a request scope, and it
/// runs inside the app's worker middleware (CorsMiddleware) on a real DefaultHttpContext; its IResult is executed on
/// that context, as the ASP.NET Core integration executes it.
/// </summary>
public sealed class InProcessFunctionApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly List<HttpFunction> _http;
    private readonly Dictionary<string, MethodInfo> _timers;

    private InProcessFunctionApp(IHost host, CapturedLogs logs, IReadOnlyDictionary<string, string?> settings)
    {
        _host = host;
        Logs = logs;
        Settings = settings;
        var functions = typeof(WebookFunctionsApp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToList();
        FunctionClasses = functions.Select(m => m.DeclaringType!).Distinct().ToList();
        _http = functions.Select(HttpFunction.From).OfType<HttpFunction>().ToList();
        _timers = functions.Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null))
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name);
    }

    public IServiceProvider Services => _host.Services;
    public CapturedLogs Logs { get; }
    public IReadOnlyDictionary<string, string?> Settings { get; }
    public IReadOnlyList<Type> FunctionClasses { get; }
    public IEnumerable<string> HttpFunctionNames => _http.Select(f => f.Name);

    public static InProcessFunctionApp Build(IDictionary<string, string?> settings)
    {
        var args = settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
        // The worker takes its environment from AZURE_FUNCTIONS_ENVIRONMENT before it reads arguments, as the host sets it
        // (Development under Core Tools); only the Functions builder reads this variable.
        Environment.SetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT", settings.TryGetValue("environment", out var environment) ? environment : null);
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.AddWebookFunctionsApp();
        return new InProcessFunctionApp(builder.Build(), logs, new Dictionary<string, string?>(settings));
    }

    /// <summary>An instance of a function class, made as the worker makes one for an invocation.</summary>
    public object Activate(Type functionClass, IServiceProvider scope) =>
        scope.GetRequiredService<IFunctionActivator>().CreateInstance(functionClass, Context(scope, http: null))
        ?? throw new InvalidOperationException($"{functionClass} was not activated");

    public async Task<Answer> SendAsync(Request request)
    {
        // The host routes on the path alone and hands the query string to the request as it came.
        var query = request.Path.IndexOf('?');
        var path = query < 0 ? request.Path : request.Path[..query];
        var (function, routeValues) = Route(request.Method, path);
        await using var scope = Services.CreateAsyncScope();
        var response = new RecordingResponseFeature();
        var body = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature());
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = System.Net.IPAddress.Loopback });
        var http = new DefaultHttpContext(features) { RequestServices = scope.ServiceProvider };
        http.Request.Method = request.Method;
        http.Request.Path = path;
        if (query >= 0) http.Request.QueryString = new QueryString(request.Path[query..]);
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1");
        foreach (var (name, value) in request.Headers) http.Request.Headers[name] = value;
        if (request.Body is { } content)
        {
            http.Request.Body = new MemoryStream(content);
            http.Request.ContentLength = content.Length;
        }
        foreach (var (key, value) in routeValues) http.Request.RouteValues[key] = value;

        var context = Context(scope.ServiceProvider, http);
        var middleware = ActivatorUtilities.CreateInstance<CorsMiddleware>(scope.ServiceProvider);
        await middleware.Invoke(context, async _ =>
        {
            var instance = Activate(function.Method.DeclaringType!, scope.ServiceProvider);
            var result = function.Method.Invoke(instance, [http.Request]);
            var answer = result switch
            {
                Task<IResult> task => await task,
                IResult done => done,
                _ => throw new InvalidOperationException($"{function.Name} returned {result?.GetType()}"),
            };
            await answer.ExecuteAsync(http);
        });
        await response.StartAsync();

        var headers = http.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        // A server sends no body in answer to HEAD, whatever the function wrote.
        return new Answer(http.Response.StatusCode, headers, HttpMethods.IsHead(request.Method) ? [] : body.ToArray());
    }

    /// <summary>Runs a timer function as the host does on its schedule.</summary>
    public async Task RunTimerAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var method = _timers[name];
        var instance = Activate(method.DeclaringType!, scope.ServiceProvider);
        await (Task)method.Invoke(instance, [new TimerInfo(), CancellationToken.None])!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
    }

    // The host's router: a template and method match, more specific templates (fewer parameters, the catch-all last) first.
    private (HttpFunction Function, RouteValueDictionary Values) Route(string method, string path)
    {
        foreach (var function in _http.OrderBy(f => f.Precedence))
        {
            var values = new RouteValueDictionary();
            if (function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase) && function.Matcher.TryMatch(path, values))
                return (function, values);
        }
        throw new InvalidOperationException($"No function takes {method} {path}, not even {NoRouteHandler.FunctionName}");
    }

    private static FunctionContext Context(IServiceProvider services, HttpContext? http)
    {
        var context = Substitute.For<FunctionContext>();
        var items = new Dictionary<object, object>();
        // Where the ASP.NET Core integration puts the invocation's HttpContext (FunctionContext.GetHttpContext reads it).
        if (http is not null) items["HttpRequestContext"] = http;
        context.Items.Returns(items);
        context.InstanceServices.Returns(services);
        return context;
    }

    private sealed record HttpFunction(string Name, string[] Methods, TemplateMatcher Matcher, int Precedence, MethodInfo Method)
    {
        public static HttpFunction? From(MethodInfo method)
        {
            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().SingleOrDefault();
            if (trigger is null) return null;
            var template = TemplateParser.Parse(trigger.Route!);
            var precedence = template.Parameters.Any(p => p.IsCatchAll) ? int.MaxValue : template.Parameters.Count;
            return new HttpFunction(method.GetCustomAttribute<FunctionAttribute>()!.Name, trigger.Methods ?? [],
                new TemplateMatcher(template, new RouteValueDictionary()), precedence, method);
        }
    }

    /// <summary>A response feature that runs OnStarting callbacks when the response starts, as a server does.</summary>
    private sealed class RecordingResponseFeature : HttpResponseFeature
    {
        private readonly Stack<(Func<object, Task> Callback, object State)> _starting = new();
        private bool _started;

        public override bool HasStarted => _started;

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Push((callback, state));

        public async Task StartAsync()
        {
            if (_started) return;
            _started = true;
            while (_starting.TryPop(out var next)) await next.Callback(next.State);
        }
    }
}

/// <summary>One HTTP request, sent the same way to both hosts.</summary>
public sealed record Request(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body);

/// <summary>What a host answered: status, every header, the body.</summary>
public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);
