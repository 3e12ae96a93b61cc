//! `eventc-example-service`: serves `/wse` and `/trading` on loopback, or
//! runs the round-trip benchmark against its own clients.
//!
//! ```text
//! eventc-example-service [--port N]                      serve (N = 0: any free port)
//! eventc-example-service bench [--rounds R] [--messages M]
//! ```

use eventc_example_service::{bench, clients, serve, FrameLog};
use std::process::ExitCode;
use tokio::net::TcpListener;

const USAGE: &str = "usage: eventc-example-service [--port N]\n       eventc-example-service bench [--rounds R] [--messages M]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("bench") => options(&args[1..], &[("--rounds", 5), ("--messages", 5000)])
            .and_then(|v| run_bench(v[0], v[1])),
        _ => options(&args, &[("--port", 0)]).and_then(|v| {
            let port = u16::try_from(v[0]).map_err(|_| format!("--port {} is not a port", v[0]))?;
            run_server(port)
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The values of the numeric options `known` (name, default) given in
/// `args` as `--name N` pairs, in the order of `known`.
fn options(args: &[String], known: &[(&str, usize)]) -> Result<Vec<usize>, String> {
    let mut values: Vec<usize> = known.iter().map(|(_, default)| *default).collect();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let index = known
            .iter()
            .position(|(name, _)| name == flag)
            .ok_or_else(|| format!("unknown argument {flag:?}"))?;
        let value = rest.next().ok_or_else(|| format!("{flag} needs a value"))?;
        values[index] = value
            .parse()
            .map_err(|_| format!("{flag} needs a number, got {value:?}"))?;
    }
    Ok(values)
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))
}

fn run_server(port: u16) -> Result<(), String> {
    runtime()?.block_on(async {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        println!("listening on ws://{address} (paths /wse, /trading)");
        serve(listener, FrameLog::off())
            .await
            .map_err(|e| e.to_string())
    })
}

fn run_bench(rounds: usize, messages: usize) -> Result<(), String> {
    if let Some(missing) = clients::missing_tools() {
        return Err(format!("the benchmark needs its clients: {missing}"));
    }
    let out = std::env::temp_dir().join(format!("eventc-service-bench-{}", std::process::id()));
    let built = clients::Clients::build(&out)?;
    let std_listener =
        std::net::TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen: {e}"))?;
    std_listener
        .set_nonblocking(true)
        .map_err(|e| e.to_string())?;
    let port = std_listener.local_addr().map_err(|e| e.to_string())?.port();
    let runtime = runtime()?;
    // The server runs on its own thread; the clients are separate processes.
    std::thread::spawn(move || {
        runtime.block_on(async {
            match TcpListener::from_std(std_listener) {
                Ok(listener) => {
                    if let Err(e) = serve(listener, FrameLog::off()).await {
                        eprintln!("server stopped: {e}");
                    }
                }
                Err(e) => eprintln!("cannot serve: {e}"),
            }
        });
    });
    let samples = bench::run(&built, port, rounds, messages);
    let _ = std::fs::remove_dir_all(&out);
    let samples = samples?;
    println!(
        "Medians of {rounds} rounds, {messages} round trips per run (WSE order_update, one in flight):\n"
    );
    print!("{}", bench::report(&samples));
    Ok(())
}
