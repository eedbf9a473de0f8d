package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/pprof"
	"runtime"
	"time"
)

// newMux wires the control endpoints and net/http/pprof on a private mux
// (never http.DefaultServeMux, which pprof's init also populates).
func newMux(ctrl *controller) *http.ServeMux {
	mux := http.NewServeMux()

	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)

	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})

	mux.HandleFunc("GET /mode", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, modeStatus(ctrl))
	})

	mux.HandleFunc("POST /mode", func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("name")
		if name == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "missing ?name="})
			return
		}
		if err := ctrl.Switch(name); err != nil {
			status := http.StatusInternalServerError
			if errors.Is(err, errUnknownMode) {
				status = http.StatusBadRequest
			}
			writeJSON(w, status, map[string]any{"error": err.Error(), "modes": ctrl.names()})
			return
		}
		writeJSON(w, http.StatusOK, modeStatus(ctrl))
	})

	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		type modeInfo struct {
			Name     string `json:"name"`
			Class    string `json:"class"`
			Workload string `json:"workload"`
		}
		current, _ := ctrl.Current()
		list := make([]modeInfo, 0, len(ctrl.modes))
		for _, m := range ctrl.modes {
			list = append(list, modeInfo{Name: m.name, Class: m.class, Workload: m.workload})
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"service":   "demo-go",
			"current":   current,
			"modes":     list,
			"endpoints": []string{"GET /", "GET /healthz", "GET /mode", "POST /mode?name=<mode>", "GET /debug/pprof/"},
		})
	})
	return mux
}

func modeStatus(ctrl *controller) map[string]any {
	current, since := ctrl.Current()
	return map[string]any{
		"mode":       current,
		"since":      since.UTC().Format(time.RFC3339),
		"goroutines": runtime.NumGoroutine(),
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
