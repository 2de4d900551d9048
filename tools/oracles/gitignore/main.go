// Command gitignore-oracle answers source-ignore questions with go-git's gitignore package, the
// code fluxcd/pkg sourceignore copied (go-git v5.16.4, the same matching as Debian's 5.4.2),
// for Tideline's property tests of packages/core/src/sources/ignore-pattern.ts. It reads one
// JSON request per line on stdin and writes one JSON answer per line on stdout, in order.
//
//	{"text":"*.yaml\n!keep.yaml\n","domain":[],"path":["a","keep.yaml"],"isDir":false}
//	  -> {"patterns":2,"ignored":false}
//
// The text is read as fluxcd/pkg's sourceignore.ReadPatterns reads a .sourceignore: a
// bufio.Scanner over lines (so reading stops at a line past 64 KiB), lines starting with '#'
// or blank after strings.TrimSpace skipped.
//
// Build (Debian's golang-github-go-git-go-git-dev, GOPATH mode):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o gitignore-oracle .
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"

	"github.com/go-git/go-git/plumbing/format/gitignore"
)

type request struct {
	Text   string   `json:"text"`
	Domain []string `json:"domain"`
	Path   []string `json:"path"`
	IsDir  bool     `json:"isDir"`
}

type answer struct {
	Patterns int  `json:"patterns"`
	Ignored  bool `json:"ignored"`
}

func readPatterns(text string, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	scanner := bufio.NewScanner(strings.NewReader(text))
	for scanner.Scan() {
		s := scanner.Text()
		if !strings.HasPrefix(s, "#") && len(strings.TrimSpace(s)) > 0 {
			ps = append(ps, gitignore.ParsePattern(s, domain))
		}
	}
	return ps
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			os.Exit(2)
		}
		ps := readPatterns(r.Text, r.Domain)
		a := answer{Patterns: len(ps), Ignored: gitignore.NewMatcher(ps).Match(r.Path, r.IsDir)}
		if err := enc.Encode(a); err != nil {
			os.Exit(1)
		}
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		os.Exit(1)
	}
}
