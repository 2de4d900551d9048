// Command gostd-oracle answers questions about Go standard library functions that Tideline
// reimplements, for its property tests: time.ParseDuration and Duration.String,
// path/filepath.Match, and encoding/json's Marshal. It reads one JSON request per line on stdin
// and writes one JSON answer per line on stdout, in order.
//
//	{"op":"duration","input":"1h30m"}  -> {"valid":true,"ns":"5400000000000","text":"1h30m0s"}
//	{"op":"duration","input":"1"}      -> {"valid":false,"error":"time: missing unit in duration \"1\""}
//	{"op":"format","ns":"1500000"}     -> {"valid":true,"text":"1.5ms"}
//	{"op":"match","pattern":"*.y?ml","name":"a.yaml"} -> {"valid":true,"matched":true}
//	{"op":"match","pattern":"[","name":"a"}           -> {"valid":false,"error":"syntax error in pattern"}
//	{"op":"json","value":{"b":"<x>","a":1}}           -> {"valid":true,"text":"{\"a\":1,\"b\":\"\\u003cx\\u003e\"}"}
//
// Standard library only; build in GOPATH mode with Debian's golang-go:
//
//	GO111MODULE=off go build -o gostd-oracle .
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

type request struct {
	Op      string          `json:"op"`
	Input   string          `json:"input"`
	Ns      string          `json:"ns"`
	Pattern string          `json:"pattern"`
	Name    string          `json:"name"`
	Value   json.RawMessage `json:"value"`
}

type answer struct {
	Valid   bool   `json:"valid"`
	Error   string `json:"error,omitempty"`
	Ns      string `json:"ns,omitempty"`
	Text    string `json:"text,omitempty"`
	Matched *bool  `json:"matched,omitempty"`
}

func duration(r request) answer {
	d, err := time.ParseDuration(r.Input)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Ns: strconv.FormatInt(int64(d), 10), Text: d.String()}
}

func format(r request) answer {
	ns, err := strconv.ParseInt(r.Ns, 10, 64)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Text: time.Duration(ns).String()}
}

func match(r request) answer {
	matched, err := filepath.Match(r.Pattern, r.Name)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Matched: &matched}
}

// marshal decodes the value generically (numbers kept as written) and marshals it again, as
// Flux marshals its event payloads: HTML characters escaped, map keys sorted.
func marshal(r request) answer {
	dec := json.NewDecoder(bytes.NewReader(r.Value))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return answer{Error: err.Error()}
	}
	out, err := json.Marshal(v)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Valid: true, Text: string(out)}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		var a answer
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			a = answer{Error: "bad request: " + err.Error()}
		} else {
			switch r.Op {
			case "duration":
				a = duration(r)
			case "format":
				a = format(r)
			case "match":
				a = match(r)
			case "json":
				a = marshal(r)
			default:
				a = answer{Error: "unknown op " + r.Op}
			}
		}
		if err := enc.Encode(a); err != nil {
			os.Exit(1)
		}
		// Answer each line at once: a property waits for it before asking the next.
		if err := out.Flush(); err != nil {
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil {
		os.Exit(1)
	}
}
