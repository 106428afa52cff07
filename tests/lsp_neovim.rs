//! End to end with a real editor: headless Neovim's built-in LSP client starts
//! `claimcheck lsp`, opens a claims file, and writes the diagnostics it received and a
//! hover result (tests/data/lsp/neovim.lua). `.ci/run` installs Neovim when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Line 3 conflicts with line 2; line 5 names an id that does not exist, after two
/// characters outside the Basic Multilingual Plane (Neovim converts the server's UTF-16
/// columns back to bytes, so the column checks both sides agree on the encoding).
const CLAIMS: &str = "source xing \"Xing, China and Central Asia\" 2001\n\
measure trade \"China–Kazakhstan trade\" unit USD\n\
t2000: 2000 trade = $1.5bn [@xing, 121]\n\
2000 trade = $3bn [@xing, 122]\n\
2001 trde = $3bn [@xing]\n\
event \"𝄞𝄞 deal\" after t200 by 1y [@xing]\n";

fn find_nvim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("nvim")).find(|candidate| candidate.is_file())
}

#[test]
fn neovim_receives_diagnostics_and_a_hover() {
    let Some(nvim) = find_nvim() else {
        println!("note: nvim is not installed, so the Neovim end-to-end test is skipped (apt-get install neovim)");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp-neovim");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("sample.claims"), CLAIMS).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lsp/neovim.lua");
    let out = dir.join("result.txt");
    let output = Command::new("timeout")
        .arg("90")
        .arg(&nvim)
        .args(["--headless", "--clean", "-i", "NONE", "sample.claims", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&dir)
        // Neovim keeps its LSP log and state under these; keep them out of the home folder.
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("CLAIMCHECK_BIN", env!("CARGO_BIN_EXE_claimcheck"))
        .env("CLAIMCHECK_OUT", &out)
        .env("CLAIMCHECK_HOVER_LINE", "2")
        .env("CLAIMCHECK_HOVER_CHARACTER", "22")
        .output()
        .expect("timeout runs nvim");
    let result = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "Neovim wrote no result (status {:?})\nstdout: {}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert!(!result.contains("error:"), "{result}");
    // Neovim sends the folder as the workspace: the open buffer replaces its disk copy.
    assert!(!result.contains("duplicate-"), "{result}");
    for expected in [
        "diagnostic conflict 3:11 trade for 2000 is claimed as both $1.5bn and $3bn",
        "diagnostic unknown-measure 4:5 unknown measure `trde` | help: did you mean `trade`?",
        // `t200` starts at byte 28 (UTF-16 unit 24) of its line.
        "diagnostic unknown-id 5:28 unknown id `t200`",
        "hover Value: $1.5bn (1.45–1.55) (in USD)",
        "hover Date: 2000 — 2000-01-01 … 2000-12-31",
    ] {
        assert!(result.contains(expected), "`{expected}` missing from:\n{result}");
    }
}
